import { createRoot } from 'react-dom/client';
import { SidePanel } from './SidePanel.js';

const root = document.getElementById('root');
if (root) createRoot(root).render(<SidePanel />);
