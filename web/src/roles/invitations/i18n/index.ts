import { translator } from '../../../i18n/index.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export const inv = translator({ ja, en });
