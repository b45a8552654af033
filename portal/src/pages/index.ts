// Every page of the portal, in navigation order. New surfaces add their page here.
import type { Page } from '../pages';
import { homePage } from './home';
import { inboxPage } from './inbox';
import { taskPage } from './task';
import { casePage } from './case';
import { applicantPage } from './applicant';
import { configurationPage } from '../admin/configurationPage';
import { bindingPage } from '../admin/bindingPage';
import { goLiveListPage, goLivePage } from '../admin/goLivePage';
import { dashboardPage } from '../admin/dashboardPage';
import { rulesPage } from '../admin/rulesPage';
import { processModelsPage } from '../admin/processModelsPage';

export const PAGES: Page[] = [
  homePage,
  inboxPage,
  taskPage,
  casePage,
  applicantPage,
  configurationPage,
  bindingPage,
  goLiveListPage,
  goLivePage,
  dashboardPage,
  rulesPage,
  processModelsPage,
];
