import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import type { ConvoyView } from '../convoys/convoy-view.js';
import { IDEMPOTENCY_HEADER_DOC } from './boarding-requests.js';
import { BoardingService, type CheckInView, type DepartedConvoyView, type Tapped } from './boarding.service.js';
import { CheckInDto, NoShowDto } from './dto/boarding.dto.js';

@ApiTags('boarding')
@ApiBearerAuth()
@Controller('convoys/:convoyId')
@Roles('logistics')
export class BoardingController {
  constructor(private readonly boarding: BoardingService) {}

  @Post('check-ins')
  @ApiOperation({ summary: 'Checks family members in at the bus door (those present board)' })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @HttpCode(200)
  async checkIn(
    @CurrentUser() user: AuthUser,
    @Param('convoyId', ParseUUIDPipe) convoyId: string,
    @Body() dto: CheckInDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CheckInView> {
    return replayed(res, await this.boarding.checkIn(user, convoyId, dto, idempotencyKey));
  }

  @Post('no-shows')
  @ApiOperation({ summary: 'Records that a family did not come, with the reason; its seat is freed' })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @HttpCode(200)
  async noShow(
    @CurrentUser() user: AuthUser,
    @Param('convoyId', ParseUUIDPipe) convoyId: string,
    @Body() dto: NoShowDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConvoyView> {
    return replayed(res, await this.boarding.noShow(user, convoyId, dto, idempotencyKey));
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

/** The answer, marked `Idempotent-Replayed: true` when it is an earlier request's stored answer. */
function replayed<T>(res: Response, tapped: Tapped<T>): T {
  if (tapped.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return tapped.answer;
}
