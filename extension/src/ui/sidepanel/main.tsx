import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { SidePanel } from './SidePanel.js';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <ErrorBoundary>
      <SidePanel />
    </ErrorBoundary>,
  );
