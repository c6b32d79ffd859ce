/** Entry of the user's token page (Forge jira:personalSettingsPage and confluence:globalPage; locally /jira/profile/tokens). */
import '@atlaskit/css-reset';
import { mountPage } from '../runtime/mount';
import { UserPage } from './UserPage';

mountPage(UserPage);
