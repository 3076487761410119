using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ladder.Kubernetes.Testing;

/// <summary>
/// A throwaway PKI made in-process with <see cref="CertificateRequest"/>: a CA, a server certificate for
/// 127.0.0.1/localhost and a client certificate (client auth EKU), both issued by the CA. EC P-256 keys, valid one day.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    /// <summary>The CA certificate, with its key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate (SAN 127.0.0.1 and localhost), with its key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The client certificate (CN <c>ladder-test</c>, O <c>system:masters</c>), with its key.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>Creates a new CA, server and client certificate.</summary>
    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ladder-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var caEphemeral = caRequest.CreateSelfSigned(now, now.AddDays(1));
        var ca = Reload(caEphemeral);

        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddIpAddress(System.Net.IPAddress.Loopback);
        serverNames.AddDnsName("localhost");
        var server = Issue(ca, "CN=127.0.0.1", "1.3.6.1.5.5.7.3.1", serverNames.Build(), now, 1);
        var client = Issue(ca, "CN=ladder-test, O=system:masters", "1.3.6.1.5.5.7.3.2", null, now, 2);
        return new TestCertificates(ca, server, client);
    }

    /// <summary>The CA certificate as PEM, for kubeconfig <c>certificate-authority(-data)</c>.</summary>
    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>The client certificate as PEM, for kubeconfig <c>client-certificate(-data)</c>.</summary>
    public string ClientCertificatePem => Client.ExportCertificatePem();

    /// <summary>The client private key as PKCS#8 PEM, for kubeconfig <c>client-key(-data)</c>.</summary>
    public string ClientKeyPem => Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <summary>True when <paramref name="certificate"/> chains to <see cref="Ca"/> (the server's client certificate check).</summary>
    public bool IsIssuedByCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        return chain.Build(certificate);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(
        X509Certificate2 ca, string subject, string usageOid, X509Extension? names, DateTimeOffset notBefore, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        using var issued = request.Create(ca, notBefore, notBefore.AddDays(1), [serial, 0x4c]);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
