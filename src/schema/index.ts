import { builder } from './builder.ts';
import './scalars.ts';
import './common.ts';
import './organizations.ts';
import './users.ts';
import './credentials.ts';
import './session.ts';
import './audit.ts';

export const schema = builder.toSchema({ sortSchema: true });
