// Sign-in for admins and couriers: a Cognito user pool whose groups the GraphQL schema's
// @aws_cognito_user_pools(cognito_groups: [...]) directives check. Locally, cognito-local
// serves the same flows to the same Amplify code.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { physicalName } from '../artifacts/naming';
import type { StageConfig } from './stage-config';

/** Cognito groups, and what belonging to one allows. */
export const COGNITO_GROUPS = {
  admin: 'Dispatch and operations staff: every booking, courier, setting and report',
  courier: 'Couriers: their own deliveries, statuses and proof of delivery',
} as const;

export interface AuthStackProps extends StackProps {
  config: StageConfig;
}

export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  /** The client both web apps sign in with. */
  readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: physicalName(config.stage, 'users'),
      // Admins create staff and courier accounts; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: config.cognitoThreatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(config.cognitoThreatProtection ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: config.protectData,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    for (const [groupName, description] of Object.entries(COGNITO_GROUPS)) {
      new cognito.CfnUserPoolGroup(this, `${groupName[0].toUpperCase()}${groupName.slice(1)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName,
        description,
      });
    }

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: physicalName(config.stage, 'web'),
      // Browser apps cannot keep a secret.
      generateSecret: false,
      // USER_PASSWORD_AUTH because cognito-local (the local cloud) refuses SRP and the apps take
      // their flow from config; SRP for AWS; refresh tokens are always allowed by CDK.
      authFlows: { userPassword: true, userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      disableOAuth: true,
    });
  }
}
