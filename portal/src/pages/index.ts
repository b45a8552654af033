// Every page of the portal, in navigation order. New surfaces add their page here.
import type { Page } from '../pages';
import { homePage } from './home';
import { inboxPage } from './inbox';
import { taskPage } from './task';
import { casePage } from './case';
import { applicantPage } from './applicant';

export const PAGES: Page[] = [homePage, inboxPage, taskPage, casePage, applicantPage];
