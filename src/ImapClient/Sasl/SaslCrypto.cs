using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace ImapClient.Sasl;

/// <summary>
/// Hash primitives shared by the SASL mechanisms. They use BouncyCastle rather than
/// System.Security.Cryptography because FIPS-mode systems disable some platform algorithms (MD5 throws there).
/// </summary>
internal static class SaslCrypto
{
    /// <summary>Length in bytes of an MD5 digest.</summary>
    public const int Md5Length = 16;

    /// <summary>Computes the MD5 digest of <paramref name="data"/>.</summary>
    public static byte[] Md5(ReadOnlySpan<byte> data)
    {
        var digest = new MD5Digest();
        digest.BlockUpdate(data);
        var hash = new byte[Md5Length];
        digest.DoFinal(hash);
        return hash;
    }

    /// <summary>Computes HMAC-MD5 (RFC 2104) of <paramref name="data"/> under <paramref name="key"/>.</summary>
    public static byte[] HmacMd5(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var hmac = new HMac(new MD5Digest());
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(data);
        var mac = new byte[Md5Length];
        hmac.DoFinal(mac);
        return mac;
    }

    /// <summary>The output length in bytes of <paramref name="algorithm"/>.</summary>
    public static int HashLength(SaslHashAlgorithm algorithm) => CreateDigest(algorithm).GetDigestSize();

    /// <summary>Computes the digest of <paramref name="data"/> with <paramref name="algorithm"/>.</summary>
    public static byte[] Hash(SaslHashAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        var digest = CreateDigest(algorithm);
        digest.BlockUpdate(data);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash);
        return hash;
    }

    /// <summary>Computes the HMAC (RFC 2104) of <paramref name="data"/> under <paramref name="key"/> with <paramref name="algorithm"/>.</summary>
    public static byte[] Hmac(SaslHashAlgorithm algorithm, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var hmac = new HMac(CreateDigest(algorithm));
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(data);
        var mac = new byte[hmac.GetMacSize()];
        hmac.DoFinal(mac);
        return mac;
    }

    /// <summary>
    /// The SCRAM <c>Hi</c> function (RFC 5802 section 2.2): PBKDF2 (RFC 8018) with HMAC as the PRF and a single
    /// block of output, so the result is exactly one hash length.
    /// </summary>
    public static byte[] Hi(SaslHashAlgorithm algorithm, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);

        // One keyed HMAC is reused for every round: DoFinal resets it to the keyed state, so the password's
        // inner and outer pads are computed once instead of once per iteration.
        var hmac = new HMac(CreateDigest(algorithm));
        hmac.Init(new KeyParameter(password));
        var u = new byte[hmac.GetMacSize()];
        var result = new byte[u.Length];
        try
        {
            hmac.BlockUpdate(salt);
            hmac.BlockUpdate([0, 0, 0, 1]);
            hmac.DoFinal(u);
            u.CopyTo(result, 0);
            for (var i = 1; i < iterations; i++)
            {
                hmac.BlockUpdate(u);
                hmac.DoFinal(u);
                Xor(result, u);
            }

            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(u);
        }
    }

    /// <summary>XORs <paramref name="source"/> into <paramref name="destination"/>, which must be at least as long.</summary>
    public static void Xor(Span<byte> destination, ReadOnlySpan<byte> source)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] ^= source[i];
        }
    }

    /// <summary>Formats bytes as lowercase hexadecimal, the form every hex-based SASL mechanism requires.</summary>
    public static string ToLowerHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    private static IDigest CreateDigest(SaslHashAlgorithm algorithm) => algorithm switch
    {
        SaslHashAlgorithm.Sha1 => new Sha1Digest(),
        SaslHashAlgorithm.Sha256 => new Sha256Digest(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown hash algorithm."),
    };
}
