using System.Security.Cryptography;
using System.Text;
using Ladder.Api.Runner;

namespace Ladder.Runner.Admin;

/// <summary>
/// The bearer token that guards the admin API (<see cref="RunnerAdminApi"/>): from the environment variable
/// <c>LADDER_ADMIN_TOKEN</c> (the stream's Secret in a pod), or in standalone mode from <c>--admin-token</c>. Without a
/// token the admin API's write routes are disabled (answered 403) and <c>/v1/status</c> is open, as a local runner's.
/// </summary>
/// <param name="Value">The token, or null when none is configured.</param>
internal sealed record AdminToken(string? Value)
{
    /// <summary>True when a token is configured: every <c>/v1/</c> route then needs it.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Value);

    /// <summary>Whether <paramref name="authorization"/> (the request's <c>Authorization</c> header) carries the token; compared in constant time.</summary>
    public bool Accepts(string? authorization)
    {
        if (!Enabled || authorization is null || !authorization.StartsWith(RunnerAdminApi.AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(authorization[(RunnerAdminApi.AuthorizationScheme.Length + 1)..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(Value!));
    }
}
