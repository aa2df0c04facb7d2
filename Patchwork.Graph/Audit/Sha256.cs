using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Patchwork.Graph.Audit;

/// <summary>
/// SHA-256 of many short inputs, for checking an audit trail of millions of records. .NET's own hashing reaches the
/// same OpenSSL through its generic digest interface, which sets up and frees a context per call: for a record of a
/// few hundred bytes that costs more than the hash itself. Where the process can reach OpenSSL's SHA-256 functions,
/// they are called directly with a context per thread; anywhere else (or if they ever disagree with .NET's answer
/// on a known input) .NET's own is used.
/// </summary>
internal static unsafe class Sha256
{
    private const int ContextBytes = 128;

    [ThreadStatic]
    private static byte[]? context;

    private static readonly Functions? Native = Load();

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (Native is not { } native)
        {
            SHA256.HashData(data, digest);
            return;
        }

        context ??= new byte[ContextBytes];
        fixed (byte* state = context)
        fixed (byte* input = data)
        fixed (byte* output = digest)
        {
            native.Init(state);
            native.Update(state, input, (nuint)data.Length);
            native.Final(output, state);
        }
    }

    private static Functions? Load()
    {
        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.3.dylib"])
        {
            if (NativeLibrary.TryLoad(name, typeof(Sha256).Assembly, null, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                var functions = new Functions(
                    (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init,
                    (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update,
                    (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final);
                return Agrees(functions) ? functions : null;
            }
        }

        return null;
    }

    private static bool Agrees(Functions functions)
    {
        var input = "The audit trail is append-only"u8;
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(input, expected);
        var state = stackalloc byte[ContextBytes];
        fixed (byte* data = input)
        fixed (byte* output = actual)
        {
            functions.Init(state);
            functions.Update(state, data, (nuint)input.Length);
            functions.Final(output, state);
        }

        return actual.SequenceEqual(expected);
    }

    private sealed class Functions(
        delegate* unmanaged[SuppressGCTransition]<byte*, int> init,
        delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> update,
        delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> final)
    {
        public void Init(byte* state) => init(state);

        public void Update(byte* state, byte* data, nuint length) => update(state, data, length);

        public void Final(byte* digest, byte* state) => final(digest, state);
    }
}
