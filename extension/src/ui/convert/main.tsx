import { createRoot } from 'react-dom/client';
import { loadLanguage } from '../../i18n/load-language.js';
import '../shared/theme.css';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { ConvertWindow } from './ConvertWindow.js';

const root = document.getElementById('root');
// The user's language is read before the first render, so the window never shows two languages.
if (root)
  void loadLanguage().then(() =>
    createRoot(root).render(
      <ErrorBoundary>
        <ConvertWindow />
      </ErrorBoundary>,
    ),
  );
