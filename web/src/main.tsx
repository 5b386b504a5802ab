import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { queryClient } from './queryClient';
import { router } from './router';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/account.css';
import './styles/organizations.css';
import './styles/projects.css';
import './styles/board.css';
import './styles/taskDrawer.css';
import './styles/notifications.css';
import './styles/realtime.css';
import './styles/messages.css';
import './styles/documents.css';
import './styles/files.css';
import './styles/review.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html must contain an element with id="root"');
}

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);
