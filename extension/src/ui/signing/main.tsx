import { createRoot } from 'react-dom/client';
import { SigningWindow } from './SigningWindow.js';

const root = document.getElementById('root');
if (root) createRoot(root).render(<SigningWindow />);
