using System.Globalization;
using Kiln.Registry.Models;

namespace Kiln.Registry.Storage;

/// <summary>Deliberate alias moves with their reasons, the alias history, and the images that carry versions, on either database.</summary>
public abstract partial class RelationalRegistryStore
{
    /// <inheritdoc />
    public void MoveAlias(AliasMove move)
    {
        RegistryNames.ValidAlias(move.Alias);
        if (string.IsNullOrWhiteSpace(move.Reason))
        {
            throw new RegistryException($"Moving @{move.Alias} of '{move.Model}' needs a reason; it is recorded in the alias history.");
        }

        Write(connection =>
        {
            if (Scalar(connection, "SELECT 1 FROM model_versions WHERE model = @m AND version = @v;", ("@m", move.Model), ("@v", move.Version)) is null)
            {
                throw VersionNotFound(connection, move.Model, $"version {move.Version}");
            }

            // Checked under the model's lock, inside the write transaction, so two people moving the same alias cannot both win.
            LockModel(connection, move.Model);
            var current = Scalar(connection, "SELECT version FROM model_aliases WHERE model = @m AND alias = @a;", ("@m", move.Model), ("@a", move.Alias)) is { } value
                ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
                : (int?)null;
            if (current != move.ExpectedVersion)
            {
                throw new AliasConflictException(
                    $"@{move.Alias} of '{move.Model}' now points at {Describe(current)}, not {Describe(move.ExpectedVersion)} as when the move was prepared; nothing was changed. Review it again.");
            }

            MoveAlias(connection, move.Model, move.Alias, move.Version, ToUnixMs(DateTimeOffset.UtcNow), move.Reason.Trim());
            return 0;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<AliasHistoryEntry> AliasHistory(string model, int limit) => Read(connection =>
    {
        var entries = new List<AliasHistoryEntry>();
        ForEach(connection, $"""
            SELECT alias, version, moved_at, reason FROM alias_history WHERE model = @m
            ORDER BY moved_at DESC, {HistoryOrder} DESC LIMIT @limit;
            """, [("@m", model), ("@limit", limit)], r => entries.Add(new AliasHistoryEntry(
            r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), FromUnixMs(r.GetInt64(2)), r.IsDBNull(3) ? null : r.GetString(3))));
        return (IReadOnlyList<AliasHistoryEntry>)entries;
    });

    /// <inheritdoc />
    public void AddImage(string model, ModelImage image) => Write(connection =>
    {
        if (Scalar(connection, "SELECT 1 FROM model_versions WHERE model = @m AND version = @v;", ("@m", model), ("@v", image.Version)) is null)
        {
            throw VersionNotFound(connection, model, $"version {image.Version}");
        }

        return NonQuery(connection, """
            INSERT INTO model_images (model, version, reference, image_id, recorded_at) VALUES (@m, @v, @r, @i, @t)
            ON CONFLICT (model, reference) DO UPDATE SET version = excluded.version, image_id = excluded.image_id, recorded_at = excluded.recorded_at;
            """, ("@m", model), ("@v", image.Version), ("@r", image.Reference), ("@i", image.ImageId), ("@t", ToUnixMs(image.RecordedAt)));
    });

    /// <inheritdoc />
    public IReadOnlyList<ModelImage> Images(string model) => Read(connection =>
    {
        var images = new List<ModelImage>();
        ForEach(connection, "SELECT version, reference, image_id, recorded_at FROM model_images WHERE model = @m ORDER BY recorded_at DESC, reference;",
            [("@m", model)], r => images.Add(new ModelImage(r.GetInt32(0), r.GetString(1), r.GetString(2), FromUnixMs(r.GetInt64(3)))));
        return (IReadOnlyList<ModelImage>)images;
    });
}
