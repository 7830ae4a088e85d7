import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppLayout } from './layout';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { TaskListRoute } from './routes/task-list';

// The task page is its own chunk; the list is what most visits open first.
const TaskRoute = lazy(() => import('./routes/task').then((m) => ({ default: m.TaskRoute })));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <TaskListRoute /> },
      { path: 'tasks/:taskId', element: <TaskRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
