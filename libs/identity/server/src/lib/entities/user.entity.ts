import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import type { Role } from '@hutong/platform-model';
import { newId } from '@hutong/platform-database';
import { Organisation } from '@hutong/organisations-server';

@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  email: string | null = null;

  @Property({ type: 'string', length: 16 })
  role!: Role;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /** The organisation the user belongs to (an applicant's own unit). */
  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  organisation: Organisation | null = null;

  /** Root of the subtree the user acts in; null only for admins. */
  @ManyToOne(() => Organisation, { nullable: true, deleteRule: 'restrict' })
  jurisdiction: Organisation | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lastLoginAt: Date | null = null;
}
