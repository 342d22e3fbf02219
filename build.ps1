# Thin wrapper over the dotnet commands in the README; everything it does works as plain `dotnet` calls too.
param([ValidateSet('build', 'test', 'demo', 'pack')][string]$Task = 'test')
$ErrorActionPreference = 'Stop'
switch ($Task) {
  'build' { dotnet build WeChatPay.Chain.sln }
  'test'  { dotnet test WeChatPay.Chain.sln }
  'demo'  { dotnet run --project src/WeChatPay.Chain.Cli -- demo }
  'pack'  { dotnet pack WeChatPay.Chain.sln -c Release -o artifacts }
}
exit $LASTEXITCODE
