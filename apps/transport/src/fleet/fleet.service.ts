import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { isUniqueViolation } from '@awda/persistence';
import { TransportErrors } from '../transport.errors.js';
import type { CreateVehicleDto, VehicleAvailabilityDto, VehicleQueryDto } from './dto/vehicle.dto.js';
import { VehiclesRepository, type VehicleView } from './vehicles.repository.js';

@Injectable()
export class FleetService {
  constructor(
    private readonly vehicles: VehiclesRepository,
    private readonly dataSource: DataSource,
  ) {}

  create(user: AuthUser, dto: CreateVehicleDto): Promise<VehicleView> {
    if (!canAccessCamp(user, dto.campId)) throw TransportErrors.campNotAllowed(dto.campId);
    return this.dataSource.transaction(async (manager) => {
      const id = uuidv7();
      const isBus = dto.type === 'bus' || dto.type === 'minibus';
      try {
        await this.vehicles.insertVehicle(manager, {
          id,
          campId: dto.campId,
          type: dto.type,
          plate: dto.plate.trim().toUpperCase(),
          operator: dto.operator.trim(),
          seats: isBus ? (dto.seats ?? null) : null,
          cargoCapacity: dto.type === 'cargo_truck' ? (dto.cargoCapacity ?? null) : null,
          stretcherPlaces: dto.type === 'ambulance' ? (dto.stretcherPlaces ?? null) : null,
          seatedPlaces: dto.type === 'ambulance' ? (dto.seatedPlaces ?? null) : null,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'vehicles_plate_unique')) throw TransportErrors.plateTaken();
        throw error;
      }
      await this.vehicles.replaceAvailableDates(manager, id, dto.availableDates ?? []);
      return this.get(manager, id);
    });
  }

  setAvailability(user: AuthUser, vehicleId: string, dto: VehicleAvailabilityDto): Promise<VehicleView> {
    return this.dataSource.transaction(async (manager) => {
      const campId = await this.vehicles.lockVehicleCamp(manager, vehicleId);
      if (campId === undefined || !canAccessCamp(user, campId)) throw TransportErrors.vehicleNotFound();
      await this.vehicles.replaceAvailableDates(manager, vehicleId, dto.dates);
      return this.get(manager, vehicleId);
    });
  }

  async list(user: AuthUser, query: VehicleQueryDto): Promise<VehicleView[]> {
    const manager = this.dataSource.manager;
    if (query.campId !== undefined && !canAccessCamp(user, query.campId)) throw TransportErrors.campNotAllowed(query.campId);
    if (query.campId !== undefined && query.date !== undefined) return this.vehicles.freeVehiclesOn(manager, query.campId, query.date);
    const scope = campScope(user);
    const camps = query.campId !== undefined ? [query.campId] : scope;
    return this.vehicles.vehiclesOf(manager, camps);
  }

  private async get(manager: EntityManager, id: string): Promise<VehicleView> {
    const vehicle = await this.vehicles.findVehicle(manager, id);
    if (!vehicle) throw TransportErrors.vehicleNotFound();
    return vehicle;
  }
}
