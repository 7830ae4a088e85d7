import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { detectLocale, setLocale } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first paint is already in the reader's language (a non-English catalogue loads first).
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
setLocale(detectLocale(), { remember: false }).then(render, render);
