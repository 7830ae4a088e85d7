import { http, HttpResponse } from 'msw';
import { db } from '../db';

export const sessionHandlers = [http.get('/api/session', () => HttpResponse.json(db.session))];
