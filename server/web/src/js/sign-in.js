// The sign-in page: organisation, username, password. On success the session is saved and `onSignedIn` runs.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { deviceId, deviceName, lastOrganization, saveSession } from './session.js';
import { languageSwitch } from './shell.js';

export function renderSignIn(root, { api, onSignedIn, notice }) {
  const organization = h('input', {
    id: 'signin-organization', name: 'organization', autocomplete: 'organization', required: true,
    value: lastOrganization(), spellcheck: 'false', autocapitalize: 'off',
  });
  const username = h('input', {
    id: 'signin-username', name: 'username', autocomplete: 'username', required: true, spellcheck: 'false',
    autocapitalize: 'off',
  });
  const password = h('input', {
    id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
  });
  const message = h('div', { class: 'form-message', role: 'alert', 'aria-live': 'assertive' });
  if (notice) message.append(h('p', { class: 'notice' }, notice));
  const submit = h('button', { type: 'submit', class: 'button primary wide' }, t('signIn.submit'));

  const form = h('form', {
    class: 'signin-form', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      replace(message);
      const fields = [organization, username, password];
      const empty = fields.find((field) => !field.value.trim());
      if (empty) {
        message.append(h('p', { class: 'error' }, t('signIn.missingField')));
        empty.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = t('signIn.signingIn');
      try {
        const org = organization.value.trim();
        const login = await api.login({
          organization: org, username: username.value.trim(), password: password.value,
          deviceId: deviceId(), deviceName: deviceName(),
        });
        password.value = '';
        onSignedIn(saveSession(login, org));
      } catch (error) {
        message.append(h('p', { class: 'error' }, signInError(error)));
        password.select();
        password.focus();
      } finally {
        submit.disabled = false;
        submit.textContent = t('signIn.submit');
      }
    },
  },
  field('signin-organization', t('signIn.organization'), organization),
  field('signin-username', t('signIn.username'), username),
  field('signin-password', t('signIn.password'), password),
  message,
  submit);

  replace(root, h('div', { class: 'signin-page' },
    h('main', { class: 'signin-card', 'aria-labelledby': 'signin-title' },
      h('div', { class: 'signin-top' }, brand(), languageSwitch()),
      h('h1', { id: 'signin-title' }, t('signIn.title')),
      h('p', { class: 'muted' }, t('signIn.subtitle')),
      form)));
  (organization.value ? username : organization).focus();
}

function field(id, label, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function brand() {
  return h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'F'),
    h('span', { class: 'brand-name' }, 'Floorwalk'));
}

function signInError(error) {
  if (error.status === 401) return t('signIn.badCredentials');
  if (error.status === 429) return t('signIn.throttled');
  if (error.status === 0) return t('errors.network');
  return error.message;
}
