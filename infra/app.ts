#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { App } from 'aws-cdk-lib';
import { configFromContext } from './config.ts';
import { buildPlatform } from './platform.ts';

const root = dirname(import.meta.dirname);
const app = new App();
const config = configFromContext(app, root);
// The Jobs stack needs its entry file (functions/entry/lambda-jobs.ts); a checkout without it deploys the rest.
const jobsEntry = config.jobsEntry && existsSync(config.jobsEntry) ? config.jobsEntry : undefined;
buildPlatform(app, { ...config, jobsEntry });
app.synth();
