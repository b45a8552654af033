// Every page of the portal, in navigation order. New surfaces add their page here.
import type { Page } from '../pages';
import { homePage } from './home';
import { configurationPage } from '../admin/configurationPage';
import { bindingPage } from '../admin/bindingPage';
import { goLiveListPage, goLivePage } from '../admin/goLivePage';
import { dashboardPage } from '../admin/dashboardPage';
import { rulesPage } from '../admin/rulesPage';
import { processModelsPage } from '../admin/processModelsPage';

export const PAGES: Page[] = [
  homePage,
  configurationPage,
  bindingPage,
  goLiveListPage,
  goLivePage,
  dashboardPage,
  rulesPage,
  processModelsPage,
];
