import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { RateLimit } from '@awda/bootstrap';
import type { ConvoyRow } from '../scheduling/scheduling.repository.js';
import type { ConvoyView } from './convoy-view.js';
import { ConvoysService } from './convoys.service.js';
import { AddVehicleDto, CancelConvoyDto, ConvoyQueryDto, CreateConvoyDto } from './dto/convoy.dto.js';

const VEHICLE_UNITS =
  'A convoy: `vehicles[].capacity`, `used` and `free` count what `vehicles[].kind` says: seats (bus, minibus), ' +
  'truck shares (cargo truck, in the unit its cargoCapacity was given: a truck created with 8 reads 8) or stretcher places.';

@ApiTags('convoys')
@ApiBearerAuth()
@Controller('convoys')
export class ConvoysController {
  constructor(private readonly convoys: ConvoysService) {}

  @Post()
  @ApiOperation({
    summary: 'Creates a convoy for a camp, date, corridor and destinations (draft, no seats yet)',
    description: 'A date before today in the camps’ time zone (CAMP_TIME_ZONE) is refused: 422 TRANSPORT.DATE_IN_PAST.',
  })
  @ApiOkResponse({ description: VEHICLE_UNITS })
  @Roles('logistics')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateConvoyDto): Promise<ConvoyView> {
    return this.convoys.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Convoys of your camps, optionally of one camp and date' })
  @Roles('logistics', 'supervisor')
  list(@CurrentUser() user: AuthUser, @Query() query: ConvoyQueryDto): Promise<ConvoyRow[]> {
    return this.convoys.list(user, query);
  }

  @Get(':convoyId')
  @ApiOperation({ summary: 'A convoy with its vehicles, seats used and families' })
  @ApiOkResponse({ description: VEHICLE_UNITS })
  @Roles('logistics', 'supervisor')
  get(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<ConvoyView> {
    return this.convoys.get(user, convoyId);
  }

  @Post(':convoyId/vehicles')
  @ApiOperation({ summary: 'Adds a vehicle of the fleet to the convoy' })
  @ApiOkResponse({ description: VEHICLE_UNITS })
  @Roles('logistics')
  addVehicle(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: AddVehicleDto): Promise<ConvoyView> {
    return this.convoys.addVehicle(user, convoyId, dto);
  }

  @Post(':convoyId/confirm')
  @ApiOperation({ summary: 'Confirms the convoy: its families are told by SMS' })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  confirm(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<ConvoyView> {
    return this.convoys.confirm(user, convoyId);
  }

  @Post(':convoyId/cancel')
  @ApiOperation({ summary: 'Cancels the convoy with a reason: its families are told and go back to the pool' })
  @RateLimit({ key: 'sms-costing', windowSeconds: 60 })
  @HttpCode(200)
  @Roles('logistics')
  cancel(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: CancelConvoyDto): Promise<ConvoyView> {
    return this.convoys.cancel(user, convoyId, dto);
  }
}
