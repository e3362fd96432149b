import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** How instances are found in Temporal (UI, `temporal workflow list --query`). Registered at start-up. */
export const processKeyAttribute = defineSearchAttributeKey('BatonProcessKey', SearchAttributeType.KEYWORD);
export const processVersionAttribute = defineSearchAttributeKey('BatonProcessVersion', SearchAttributeType.INT);
export const instanceStatusAttribute = defineSearchAttributeKey('BatonStatus', SearchAttributeType.KEYWORD);

export const BATON_SEARCH_ATTRIBUTES = [processKeyAttribute, processVersionAttribute, instanceStatusAttribute] as const;
