using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Kiln.Hashing;

namespace Kiln.Containers;

/// <summary>
/// A FROM-scratch base image made from this machine's own shared libraries, for machines that cannot pull
/// mcr.microsoft.com: the C and C++ runtimes the published service links (found with ldd), OpenSSL (loaded at run time
/// for hashing), /etc/passwd and /etc/group with the non-root user app (uid 1654, as in the official images) and /tmp.
/// </summary>
public static class OfflineBaseImage
{
    /// <summary>The tag of the offline base image.</summary>
    public const string Tag = "kiln-base:offline";

    /// <summary>The uid and gid of the non-root user, the same as the official .NET images' app user.</summary>
    public const int AppUid = 1654;

    private const string ContentLabel = "io.kiln.base.content";

    // What every .NET app needs, as in the official runtime-deps images. OpenSSL is opened with dlopen, so ldd never
    // lists it, yet it backs System.Security.Cryptography (the model's sha256 check).
    private static readonly string[] Baseline = ["libstdc++.so.6", "libgcc_s.so.1", "libssl.so.3", "libcrypto.so.3"];

    // Used only by LTTng tracing, which Kiln leaves out of the image (libcoreclrtraceptprovider.so is excluded).
    private static readonly string[] OptionalLibraries = ["liblttng-ust.so.0", "liblttng-ust.so.1"];

    /// <summary>Builds the base image unless one with the same content exists; returns its tag.</summary>
    /// <param name="engine">The engine to build on.</param>
    /// <param name="publishDirectory">The published service whose native files decide which libraries the base needs; null for the usual .NET set.</param>
    /// <param name="progress">Receives build output lines.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public static async Task<string> EnsureAsync(DockerEngine engine, string? publishDirectory, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!OperatingSystem.IsLinux())
        {
            throw new ContainerException("the offline base image is assembled from this machine's Linux libraries; on other systems use the official base image");
        }

        var libraries = await FindLibrariesAsync(publishDirectory, cancellationToken);
        var contentHash = HashContent(libraries);
        if (await ExistingContentAsync(engine, cancellationToken) == contentHash)
        {
            progress?.Invoke($"{Tag} is up to date ({libraries.Count} libraries)");
            return Tag;
        }

        progress?.Invoke($"building {Tag} from {libraries.Count} local libraries");
        using var context = new BuildContext();
        context.AddText("Dockerfile", $"""
            FROM scratch
            COPY rootfs/ /
            ENV APP_UID={AppUid} DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true
            USER {AppUid}:{AppUid}
            LABEL {ContentLabel}={contentHash}

            """);
        context.AddText("rootfs/etc/passwd", $"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{AppUid}:{AppUid}:app:/home/app:/usr/sbin/nologin\n");
        context.AddText("rootfs/etc/group", $"root:x:0:\napp:x:{AppUid}:\n");
        context.AddDirectory("rootfs/home/app");
        context.AddDirectory("rootfs/tmp", (UnixFileMode)Convert.ToInt32("1777", 8));
        foreach (var library in libraries)
        {
            context.AddFile("rootfs" + library, library);
        }

        await ImageBuilder.RunBuildAsync(engine, context.Complete(), new ImageBuildParameters { Tags = [Tag], Remove = true, ForceRemove = true }, progress, cancellationToken);
        return Tag;
    }

    /// <summary>The absolute paths (as the dynamic loader names them) of every library the published files need.</summary>
    internal static async Task<SortedSet<string>> FindLibrariesAsync(string? publishDirectory, CancellationToken cancellationToken)
    {
        publishDirectory = publishDirectory is null ? null : Path.GetFullPath(publishDirectory);
        var roots = new List<string>();
        foreach (var soname in Baseline)
        {
            roots.Add(await LocateAsync(soname, cancellationToken));
        }

        if (publishDirectory is not null)
        {
            roots.AddRange(Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories).Where(IsElf)
                .Where(f => !ImageBuilder.IsExcludedFromImage(Path.GetFileName(f))));
        }

        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var root in roots)
        {
            if (publishDirectory is null || !root.StartsWith(publishDirectory, StringComparison.Ordinal))
            {
                libraries.Add(root);
            }

            var (exitCode, output) = await LocalTool.RunAsync("ldd", [root], cancellationToken);
            if (exitCode != 0)
            {
                // Statically linked or not a dynamic object: nothing to add.
                continue;
            }

            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (line.Contains("not found", StringComparison.Ordinal))
                {
                    if (!OptionalLibraries.Contains(parts[0]))
                    {
                        missing.Add($"{parts[0]} (needed by {Path.GetFileName(root)})");
                    }
                }
                else if (parts.Length >= 3 && parts[1] == "=>" && parts[2].StartsWith('/'))
                {
                    if (publishDirectory is null || !parts[2].StartsWith(publishDirectory, StringComparison.Ordinal))
                    {
                        libraries.Add(parts[2]);
                    }
                }
                else if (parts[0].StartsWith('/'))
                {
                    libraries.Add(parts[0]);   // the dynamic loader itself
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new ContainerException($"this machine lacks libraries the service needs, so the offline base image cannot be built: {string.Join(", ", missing.Distinct())}");
        }

        return libraries;
    }

    private static async Task<string> LocateAsync(string soname, CancellationToken cancellationToken)
    {
        var (_, output) = await LocalTool.RunAsync("/sbin/ldconfig", ["-p"], cancellationToken);
        foreach (var line in output.Split('\n'))
        {
            // "	libssl.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl.so.3"
            var trimmed = line.Trim();
            if (trimmed.StartsWith(soname + " ", StringComparison.Ordinal) && trimmed.Contains("x86-64", StringComparison.Ordinal))
            {
                return trimmed[(trimmed.IndexOf("=> ", StringComparison.Ordinal) + 3)..];
            }
        }

        throw new ContainerException($"{soname} is not installed on this machine, so the offline base image cannot include it (Debian: apt-get install libssl3)");
    }

    private static bool IsElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    private static string HashContent(IEnumerable<string> libraries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v1 uid={AppUid}\n"));
        foreach (var library in libraries)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{library} {FileHash.Sha256(library)}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string?> ExistingContentAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            var image = await engine.Client.Images.InspectImageAsync(Tag, cancellationToken);
            return image.Config?.Labels?.TryGetValue(ContentLabel, out var value) == true ? value : null;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}
