import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { Options } from './Options.js';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <ErrorBoundary>
      <Options />
    </ErrorBoundary>,
  );
