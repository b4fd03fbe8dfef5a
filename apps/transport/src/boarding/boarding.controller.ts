import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { ConvoyView } from '../convoys/convoy-view.js';
import { BoardingService, type CheckInView, type DepartedConvoyView } from './boarding.service.js';
import { CheckInDto, NoShowDto } from './dto/boarding.dto.js';

@ApiTags('boarding')
@ApiBearerAuth()
@Controller('convoys/:convoyId')
@Roles('logistics')
export class BoardingController {
  constructor(private readonly boarding: BoardingService) {}

  @Post('check-ins')
  @ApiOperation({ summary: 'Checks family members in at the bus door (those present board)' })
  @HttpCode(200)
  checkIn(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: CheckInDto): Promise<CheckInView> {
    return this.boarding.checkIn(user, convoyId, dto);
  }

  @Post('no-shows')
  @ApiOperation({ summary: 'Records that a family did not come, with the reason; its seat is freed' })
  @HttpCode(200)
  noShow(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string, @Body() dto: NoShowDto): Promise<ConvoyView> {
    return this.boarding.noShow(user, convoyId, dto);
  }

  @Post('depart')
  @ApiOperation({
    summary: 'Marks the convoy departed with who boarded; registration closes their camp cases',
    description:
      'Recorded now. Before the convoy’s date (camp time zone) the departure is still recorded, and the answer carries ' +
      '`warnings: [{ code: "TRANSPORT.DEPARTED_BEFORE_DATE", message }]`; otherwise `warnings` is empty.',
  })
  @HttpCode(200)
  depart(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<DepartedConvoyView> {
    return this.boarding.depart(user, convoyId);
  }

  @Post('arrive')
  @ApiOperation({ summary: 'Marks the convoy arrived at its handover point' })
  @HttpCode(200)
  arrive(@CurrentUser() user: AuthUser, @Param('convoyId', ParseUUIDPipe) convoyId: string): Promise<ConvoyView> {
    return this.boarding.arrive(user, convoyId);
  }
}
