import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { Corridor } from '../corridors/corridors.js';
import { CorridorsService } from '../corridors/corridors.service.js';
import { DataSource } from 'typeorm';
import { CreateVehicleDto, VehicleAvailabilityDto, VehicleQueryDto } from './dto/vehicle.dto.js';
import { FleetService, type VehicleView } from './fleet.service.js';

@ApiTags('fleet')
@ApiBearerAuth()
@Controller()
export class FleetController {
  constructor(
    private readonly fleet: FleetService,
    private readonly corridors: CorridorsService,
    private readonly dataSource: DataSource,
  ) {}

  @Post('vehicles')
  @Roles('logistics')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateVehicleDto): Promise<VehicleView> {
    return this.fleet.create(user, dto);
  }

  @Put('vehicles/:vehicleId/availability')
  @Roles('logistics')
  setAvailability(
    @CurrentUser() user: AuthUser,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Body() dto: VehicleAvailabilityDto,
  ): Promise<VehicleView> {
    return this.fleet.setAvailability(user, vehicleId, dto);
  }

  @Get('vehicles')
  @Roles('logistics', 'supervisor')
  list(@CurrentUser() user: AuthUser, @Query() query: VehicleQueryDto): Promise<VehicleView[]> {
    return this.fleet.list(user, query);
  }

  @Get('corridors')
  @Roles('logistics', 'supervisor')
  listCorridors(): Promise<Corridor[]> {
    return this.corridors.list(this.dataSource.manager);
  }
}
