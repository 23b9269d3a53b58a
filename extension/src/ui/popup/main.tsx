import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { Popup } from './Popup.js';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <ErrorBoundary>
      <Popup />
    </ErrorBoundary>,
  );
