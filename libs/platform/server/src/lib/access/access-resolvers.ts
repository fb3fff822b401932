import { Injectable } from '@nestjs/common';

/**
 * How the access guard finds the organisation an endpoint acts on. Each capability registers the
 * kinds of entity it owns (`organisation`, `application`, `cycle`, …) when its module starts, so the
 * guard never knows another capability's tables.
 */
export interface AccessResolver {
  /** Materialised path of the organisation the entity belongs to; null when there is no such entity. */
  pathOf(id: string): Promise<string | null>;
  /**
   * @deprecated the 404 is `common.not_found` with `{ entity: via }`, named by the catalogues' `entity`
   * labels; kept so that registrations still compile.
   */
  label?: string;
  /**
   * The entity covers a subtree (a cycle's jurisdiction): callers inside that subtree may see it too,
   * not only callers above it.
   */
  coversSubtree?: boolean;
}

@Injectable()
export class AccessResolvers {
  private readonly resolvers = new Map<string, AccessResolver>();

  register(via: string, resolver: AccessResolver): void {
    if (this.resolvers.has(via)) throw new Error(`access resolver '${via}' registered twice`);
    this.resolvers.set(via, resolver);
  }

  get(via: string): AccessResolver {
    const r = this.resolvers.get(via);
    if (!r) throw new Error(`no access resolver for '${via}': register it in the owning capability's module`);
    return r;
  }

  kinds(): string[] {
    return [...this.resolvers.keys()].sort();
  }
}
