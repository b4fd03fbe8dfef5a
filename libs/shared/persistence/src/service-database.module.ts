import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ensureDatabase, migrate, serviceDataSourceOptions, type ServiceDatabaseOptions } from './database.js';

/**
 * TypeORM for one service: creates the database if missing, then the schema, then runs the
 * migrations under an advisory lock before anything else starts. Never synchronize.
 */
@Module({})
export class ServiceDatabaseModule {
  static forRoot(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(options),
          dataSourceFactory: async (resolved) => {
            if (!resolved) throw new Error('no DataSource options');
            await ensureDatabase(options.url);
            const dataSource = new DataSource(resolved);
            await dataSource.initialize();
            await migrate(dataSource);
            return dataSource;
          },
        }),
      ],
    };
  }
}
