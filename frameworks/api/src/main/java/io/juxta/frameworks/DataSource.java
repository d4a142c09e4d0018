package io.juxta.frameworks;

/**
 * Anything that can hand over its rows as a {@link Dataset} of host arrays: the toolkit's image, text and tabular
 * datasets implement it, so {@code model.fit(Datasets.fashionMnist(), ...)} needs no conversion in the cell.
 */
@FunctionalInterface
public interface DataSource {
    Dataset toDataset();
}
