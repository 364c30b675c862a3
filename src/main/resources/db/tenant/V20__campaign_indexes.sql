-- Campaign feature: conversionCount groups conversions by campaign for a page of campaigns.
create index conversion_campaign_idx on conversion (campaign_id) where campaign_id is not null;
