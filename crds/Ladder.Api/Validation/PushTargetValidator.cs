using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FluentValidation;
using Ladder.Api.V1Alpha1;

namespace Ladder.Api.Validation;

/// <summary>Validates one push target.</summary>
public sealed class PushTargetValidator : AbstractValidator<PushTarget>
{
    /// <summary>Creates the validator.</summary>
    public PushTargetValidator()
    {
        RuleFor(x => x).Custom((p, ctx) =>
        {
            if (EndpointRules.CheckNameAndUrl(ctx, p.Name, p.Url, SpecRules.PushSchemes) is not { } scheme)
            {
                return;
            }
            EndpointRules.CheckSrtScheme(ctx, p.Srt, scheme, "targets");
            if (p.Rendition is not null && SpecRules.CheckItemName(p.Rendition) is not null)
            {
                ctx.AddFailure("Rendition", $"\"{p.Rendition}\" is not a rendition name");
            }
            if (scheme == "udp")
            {
                CheckUdp(ctx, p);
            }
            EndpointRules.CheckSecrets(ctx, p.StreamKey, p.Srt);
        });
    }

    // udp://host:port: a destination host (unicast or multicast), an explicit port, no stream key, and only the
    // udp protocol options that make sense for a sender in the query.
    private static void CheckUdp(ValidationContext<PushTarget> ctx, PushTarget p)
    {
        if (p.StreamKey is not null)
        {
            ctx.AddFailure("StreamKey", "streamKey.secretKeyRef does not apply to udp targets: UDP carries no stream key; remove streamKey");
        }
        var uri = SpecRules.ParseUrl(p.Url!);
        if (uri is null || SpecRules.IsWildcardHost(uri.Host) || uri.AbsolutePath is not ("" or "/"))
        {
            ctx.AddFailure("Url", $"\"{p.Url}\" is not a UDP destination; use udp://host:port (unicast or multicast 224.0.0.0/4)");
            return;
        }
        if (uri.IsDefaultPort || uri.Port is <= 0 or > 65535)
        {
            ctx.AddFailure("Url", $"\"{p.Url}\" has no port; use udp://{uri.Host}:PORT");
        }
        var multicast = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IsMulticast(address);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = parts[0];
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            var error = name switch
            {
                "ttl" when !multicast => "ttl applies only to multicast destinations (224.0.0.0/4)",
                "ttl" => IsIntIn(value, 1, 255) ? null : $"ttl \"{value}\" is not a number from 1 to 255",
                "pkt_size" => IsIntIn(value, 188, 65507) ? null : $"pkt_size \"{value}\" is not a number of bytes from 188 to 65507 (1316 = 7 TS packets)",
                "localaddr" => IPAddress.TryParse(value, out _) ? null : $"localaddr \"{value}\" is not an IP address",
                _ => $"option \"{name}\" is not supported on udp targets; use {WireEnum.JoinOr(SpecRules.UdpPushOptions)}",
            };
            if (error is not null)
            {
                ctx.AddFailure("Url", error);
            }
        }
    }

    private static bool IsMulticast(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => (address.GetAddressBytes()[0] & 0xF0) == 0xE0,
        AddressFamily.InterNetworkV6 => address.IsIPv6Multicast,
        _ => false,
    };

    private static bool IsIntIn(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max;
}
