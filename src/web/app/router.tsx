import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppLayout } from './layout';
import { DefaultTargetRedirect } from './routes/default-target-redirect';
import { HomeRoute } from './routes/home';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';
import { TargetRoute } from './routes/target';
import { TaskListRoute } from './routes/task-list';

// The task page is its own chunk; the list is what most visits open first.
const TaskRoute = lazy(() => import('./routes/task').then((m) => ({ default: m.TaskRoute })));
const TaskLogsRoute = lazy(() => import('./routes/task').then((m) => ({ default: m.TaskLogsRoute })));
// So is the activity (audit trail): operators only, and not what a visit opens first.
const ActivityRoute = lazy(() => import('./routes/activity').then((m) => ({ default: m.ActivityRoute })));

// `/` is the overview (lazy, see routes/home.tsx); with the list's params it is an old list link.
// Every task page names its DCS target, so links can be shared: /targets/:targetId[/tasks/:taskId[/logs]].
// The activity spans targets: /activity?task_id&user&target&range|since&until&page&size.
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRoute /> },
      // Links from before targets existed open the task on the default target.
      { path: 'tasks/:taskId', element: <DefaultTargetRedirect /> },
      { path: 'activity', element: <ActivityRoute /> },
      {
        path: 'targets/:targetId',
        element: <TargetRoute />,
        children: [
          { index: true, element: <TaskListRoute /> },
          { path: 'tasks/:taskId', element: <TaskRoute /> },
          { path: 'tasks/:taskId/logs', element: <TaskLogsRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
