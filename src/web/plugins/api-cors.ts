import { fastifyCors } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * CORS for /api/v1: off unless CORS_ORIGINS lists origins. Only those origins get the headers; tokens
 * travel in the Authorization header, so no cookies (credentials) are allowed cross-origin.
 */
export async function registerApiCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(fastifyCors, {
    origin: [...origins],
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Location', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    credentials: false,
    maxAge: 600,
  });
}
