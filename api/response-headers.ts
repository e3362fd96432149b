import type { RequestHandler } from 'express';

/**
 * Every answer is JSON for a program, never a page to render, and most carry one user's data
 * (some a token): browsers must not sniff another type from it, and no cache may keep it.
 */
export const apiResponseHeaders: RequestHandler = (_request, response, next) => {
  response.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  next();
};
