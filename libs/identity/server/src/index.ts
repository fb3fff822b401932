// The identity capability's public surface: its modules, services, and entities.
export * from './lib/identity.module';
export { AuthService, SESSION_COOKIE, hashPassword } from './lib/auth/auth.service';
export { UserService } from './lib/users/user.service';
export { User } from './lib/entities/user.entity';
export { Session } from './lib/entities/session.entity';
