import { MainAreaWidget, ReactWidget } from '@jupyterlab/apputils';
import type { ITranslator } from '@jupyterlab/translation';
import React from 'react';
import type { LeapApiClient } from '../api';
import { leapIcon } from '../icons';
import type { ILeapServiceStatus } from '../tokens';
import { AboutView } from './AboutView';
import '../../style/about.css';

/**
 * The About / status view in a main-area widget. This module (and the React
 * code it pulls in) is loaded on first open only.
 */
export function createAboutWidget(
  options: IAboutOptions
): MainAreaWidget<ReactWidget> {
  const { client, status, translator } = options;
  const trans = translator.load('jupyterlab_leap');
  const content = ReactWidget.create(
    <AboutView
      client={client}
      status={status}
      trans={trans}
      locale={translator.languageCode}
    />
  );
  content.addClass('jp-LeapAbout');
  const widget = new MainAreaWidget({ content });
  widget.id = 'jp-leap-about';
  widget.title.label = trans.__('LEAP Status');
  widget.title.caption = trans.__('LEAP: About / status');
  widget.title.icon = leapIcon;
  widget.title.closable = true;
  return widget;
}

export interface IAboutOptions {
  client: LeapApiClient;
  status: ILeapServiceStatus;
  translator: ITranslator;
}
