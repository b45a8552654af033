// Every page of the portal, in navigation order. New surfaces add their page here.
import type { Page } from '../pages';
import { homePage } from './home';

export const PAGES: Page[] = [homePage];
