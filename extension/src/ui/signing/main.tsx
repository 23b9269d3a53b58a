import { createRoot } from 'react-dom/client';
import { loadLanguage } from '../../i18n/load-language.js';
import '../shared/theme.css';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { SigningWindow } from './SigningWindow.js';

const root = document.getElementById('root');
// The user's language is read before the first render, so a page never shows two languages.
if (root)
  void loadLanguage().then(() =>
    createRoot(root).render(
      <ErrorBoundary>
        <SigningWindow />
      </ErrorBoundary>,
    ),
  );
