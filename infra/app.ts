#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { App } from 'aws-cdk-lib';
import { configFromContext } from './config.ts';
import { buildPlatform } from './platform.ts';

const root = dirname(import.meta.dirname);
const app = new App();
const config = configFromContext(app, root);
// The reminders job arrives with a later issue: until its entry file exists there is no Jobs stack.
const jobsEntry = config.jobsEntry && existsSync(config.jobsEntry) ? config.jobsEntry : undefined;
buildPlatform(app, { ...config, jobsEntry });
app.synth();
