import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { Corridor } from '../corridors/corridors.js';
import { CorridorsService } from '../corridors/corridors.service.js';
import { DataSource } from 'typeorm';
import { CreateVehicleDto, VehicleAvailabilityDto, VehicleQueryDto } from './dto/vehicle.dto.js';
import { FleetService } from './fleet.service.js';
import type { VehicleView } from './vehicles.repository.js';

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
  @ApiOperation({ summary: 'Adds a bus, minibus, cargo truck or ambulance to a camp’s fleet' })
  @Roles('logistics')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateVehicleDto): Promise<VehicleView> {
    return this.fleet.create(user, dto);
  }

  @Put('vehicles/:vehicleId/availability')
  @ApiOperation({ summary: 'Replaces the dates a vehicle can serve' })
  @Roles('logistics')
  setAvailability(
    @CurrentUser() user: AuthUser,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Body() dto: VehicleAvailabilityDto,
  ): Promise<VehicleView> {
    return this.fleet.setAvailability(user, vehicleId, dto);
  }

  @Get('vehicles')
  @ApiOperation({ summary: 'The fleet of your camps; with campId and date, the vehicles free that day' })
  @Roles('logistics', 'supervisor')
  list(@CurrentUser() user: AuthUser, @Query() query: VehicleQueryDto): Promise<VehicleView[]> {
    return this.fleet.list(user, query);
  }

  @Get('corridors')
  @ApiOperation({ summary: 'Corridors and the destination areas each serves' })
  @Roles('logistics', 'supervisor')
  listCorridors(): Promise<Corridor[]> {
    return this.corridors.list(this.dataSource.manager);
  }
}
