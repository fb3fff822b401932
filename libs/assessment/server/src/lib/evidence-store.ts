import { Injectable } from '@nestjs/common';
import { FileStore } from '@hutong/platform-server';

/** Evidence files: the platform's content-addressed FileStore (shared with the tasks' attachments). */
@Injectable()
export class EvidenceStore extends FileStore {}
