/** Entry of the administrators' page (Forge jira:adminPage and confluence:globalSettings; locally /jira/admin, /confluence/admin). */
import '@atlaskit/css-reset';
import { mountPage } from '../runtime/mount';
import { AdminPage } from './AdminPage';

mountPage(AdminPage);
