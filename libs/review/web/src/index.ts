// The review capability's public surface: the routes (pages stay lazy chunks).
export * from './lib/review.routes';
