import { http, HttpResponse } from 'msw';
import { db } from '../db';

export const targetHandlers = [http.get('/api/targets', () => HttpResponse.json({ targets: db.targets }))];
