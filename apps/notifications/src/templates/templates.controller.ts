import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@awda/auth';
import { PreviewTemplateDto, SetTemplateDto } from './templates.dto.js';
import { TemplatesService } from './templates.service.js';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
@Roles('admin', 'supervisor')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list() {
    return this.templates.list();
  }

  @Put(':template/:language')
  @Roles('admin')
  set(@Param('template') template: string, @Param('language') language: string, @Body() body: SetTemplateDto, @CurrentUser() user: AuthUser) {
    return this.templates.setOverride(template, language, body.text, user.sub);
  }

  @Delete(':template/:language')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param('template') template: string, @Param('language') language: string): Promise<void> {
    return this.templates.removeOverride(template, language);
  }

  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: PreviewTemplateDto) {
    return this.templates.preview(body.template, body.language, body.text);
  }
}
