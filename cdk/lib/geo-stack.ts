// Amazon Location resources behind functions/adapters/amazon-location-geo.ts: a place index
// (geocoding) and a route calculator (road distances). The local cloud's GeoPort adapter
// stands in for both.
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as location from 'aws-cdk-lib/aws-location';
import type { Construct } from 'constructs';
import { physicalName } from '../artifacts/naming';
import type { StageConfig } from './stage-config';

export interface GeoStackProps extends StackProps {
  config: StageConfig;
}

export class GeoStack extends Stack {
  readonly placeIndexName: string;
  readonly placeIndexArn: string;
  readonly routeCalculatorName: string;
  readonly routeCalculatorArn: string;

  constructor(scope: Construct, id: string, props: GeoStackProps) {
    super(scope, id, props);
    const { config } = props;

    const placeIndex = new location.CfnPlaceIndex(this, 'PlaceIndex', {
      indexName: physicalName(config.stage, 'places'),
      description: 'Geocodes pickup and delivery addresses',
      dataSource: config.geoDataSource,
      // Results are used to price and route a booking, then kept with it: that is storage.
      dataSourceConfiguration: { intendedUse: 'Storage' },
    });
    const routeCalculator = new location.CfnRouteCalculator(this, 'RouteCalculator', {
      calculatorName: physicalName(config.stage, 'routes'),
      description: 'Road distances and travel times for quotes and courier assignment',
      dataSource: config.geoDataSource,
    });

    this.placeIndexName = placeIndex.indexName;
    this.placeIndexArn = placeIndex.attrIndexArn;
    this.routeCalculatorName = routeCalculator.calculatorName;
    this.routeCalculatorArn = routeCalculator.attrCalculatorArn;
  }
}
