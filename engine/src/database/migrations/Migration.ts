import type { QueryInterface, Sequelize, Transaction } from 'sequelize';

export interface MigrationContext {
  sequelize: Sequelize;
  queryInterface: QueryInterface;
  /** Each migration runs in its own transaction; pass it to every query. */
  transaction: Transaction;
}

/** A schema change. Published migrations are never edited: add a new one. */
export interface Migration {
  name: string;
  up(context: MigrationContext): Promise<void>;
  down(context: MigrationContext): Promise<void>;
}
