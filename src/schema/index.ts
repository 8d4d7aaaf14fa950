import { builder } from './builder.ts';
import './scalars.ts';
import './common.ts';
import './organizations.ts';
import './users.ts';
import './credentials.ts';
import './session.ts';
import './audit.ts';
import './servers.ts';
import './tools.ts';
import './deployments.ts';
import './groups.ts';
import './agents.ts';
import './user-secrets.ts';
import './subscriptions.ts';

export const schema = builder.toSchema({ sortSchema: true });
