/**
 * The ONNX protobuf schema (onnx/onnx.proto, proto2 syntax, IR version 11 / onnx 1.18) as a
 * protobufjs JSON descriptor, so models are decoded and re-encoded by protobufjs' reflection
 * instead of by hand. Field numbers and packing follow onnx.proto exactly: a field missing here
 * would be dropped on a round trip, so every message of the IR is listed.
 */
type FieldSpec = { type: string; id: number; rule?: 'repeated'; options?: { packed: boolean } };
type MessageSpec = { fields: Record<string, FieldSpec>; nested?: Record<string, unknown> };

const one = (type: string, id: number): FieldSpec => ({ type, id });
const many = (type: string, id: number): FieldSpec => ({ type, id, rule: 'repeated' });
const packed = (type: string, id: number): FieldSpec => ({
  type,
  id,
  rule: 'repeated',
  options: { packed: true },
});

const attributeProto: MessageSpec = {
  fields: {
    name: one('string', 1),
    refAttrName: one('string', 21),
    docString: one('string', 13),
    type: one('AttributeType', 20),
    f: one('float', 2),
    i: one('int64', 3),
    s: one('bytes', 4),
    t: one('TensorProto', 5),
    g: one('GraphProto', 6),
    sparseTensor: one('SparseTensorProto', 22),
    tp: one('TypeProto', 14),
    floats: many('float', 7),
    ints: many('int64', 8),
    strings: many('bytes', 9),
    tensors: many('TensorProto', 10),
    graphs: many('GraphProto', 11),
    sparseTensors: many('SparseTensorProto', 23),
    typeProtos: many('TypeProto', 15),
  },
  nested: {
    AttributeType: {
      values: {
        UNDEFINED: 0,
        FLOAT: 1,
        INT: 2,
        STRING: 3,
        TENSOR: 4,
        GRAPH: 5,
        SPARSE_TENSOR: 11,
        TYPE_PROTO: 13,
        FLOATS: 6,
        INTS: 7,
        STRINGS: 8,
        TENSORS: 9,
        GRAPHS: 10,
        SPARSE_TENSORS: 12,
        TYPE_PROTOS: 14,
      },
    },
  },
};

const tensorProto: MessageSpec = {
  fields: {
    dims: many('int64', 1),
    dataType: one('int32', 2),
    segment: one('Segment', 3),
    floatData: packed('float', 4),
    int32Data: packed('int32', 5),
    stringData: many('bytes', 6),
    int64Data: packed('int64', 7),
    name: one('string', 8),
    docString: one('string', 12),
    rawData: one('bytes', 9),
    externalData: many('StringStringEntryProto', 13),
    dataLocation: one('DataLocation', 14),
    doubleData: packed('double', 10),
    uint64Data: packed('uint64', 11),
    metadataProps: many('StringStringEntryProto', 16),
  },
  nested: {
    Segment: { fields: { begin: one('int64', 1), end: one('int64', 2) } },
    DataLocation: { values: { DEFAULT: 0, EXTERNAL: 1 } },
  },
};

const typeProto: MessageSpec = {
  fields: {
    tensorType: one('Tensor', 1),
    sequenceType: one('Sequence', 4),
    mapType: one('Map', 5),
    optionalType: one('Optional', 9),
    sparseTensorType: one('SparseTensor', 8),
    opaqueType: one('Opaque', 7),
    denotation: one('string', 6),
  },
  nested: {
    Tensor: { fields: { elemType: one('int32', 1), shape: one('TensorShapeProto', 2) } },
    Sequence: { fields: { elemType: one('TypeProto', 1) } },
    Map: { fields: { keyType: one('int32', 1), valueType: one('TypeProto', 2) } },
    Optional: { fields: { elemType: one('TypeProto', 1) } },
    SparseTensor: { fields: { elemType: one('int32', 1), shape: one('TensorShapeProto', 2) } },
    Opaque: { fields: { domain: one('string', 1), name: one('string', 2) } },
  },
};

/** The `onnx` package of onnx.proto, ready for protobufjs' `Root.fromJSON`. */
export const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: attributeProto,
        ValueInfoProto: {
          fields: {
            name: one('string', 1),
            type: one('TypeProto', 2),
            docString: one('string', 3),
            metadataProps: many('StringStringEntryProto', 4),
          },
        },
        NodeProto: {
          fields: {
            input: many('string', 1),
            output: many('string', 2),
            name: one('string', 3),
            opType: one('string', 4),
            domain: one('string', 7),
            overload: one('string', 8),
            attribute: many('AttributeProto', 5),
            docString: one('string', 6),
            metadataProps: many('StringStringEntryProto', 9),
            deviceConfigurations: many('NodeDeviceConfigurationProto', 10),
          },
        },
        IntIntListEntryProto: { fields: { key: one('int64', 1), value: many('int64', 2) } },
        NodeDeviceConfigurationProto: {
          fields: {
            configurationId: one('string', 1),
            shardingSpec: many('ShardingSpecProto', 2),
            pipelineStage: one('int32', 3),
          },
        },
        ShardingSpecProto: {
          fields: {
            tensorName: one('string', 1),
            device: many('int64', 2),
            indexToDeviceGroupMap: many('IntIntListEntryProto', 3),
            shardedDim: many('ShardedDimProto', 4),
          },
        },
        ShardedDimProto: {
          fields: { axis: one('int64', 1), simpleSharding: many('SimpleShardedDimProto', 2) },
        },
        SimpleShardedDimProto: {
          fields: {
            dimValue: one('int64', 1),
            dimParam: one('string', 2),
            numShards: one('int64', 3),
          },
        },
        TrainingInfoProto: {
          fields: {
            initialization: one('GraphProto', 1),
            algorithm: one('GraphProto', 2),
            initializationBinding: many('StringStringEntryProto', 3),
            updateBinding: many('StringStringEntryProto', 4),
          },
        },
        ModelProto: {
          fields: {
            irVersion: one('int64', 1),
            opsetImport: many('OperatorSetIdProto', 8),
            producerName: one('string', 2),
            producerVersion: one('string', 3),
            domain: one('string', 4),
            modelVersion: one('int64', 5),
            docString: one('string', 6),
            graph: one('GraphProto', 7),
            metadataProps: many('StringStringEntryProto', 14),
            trainingInfo: many('TrainingInfoProto', 20),
            functions: many('FunctionProto', 25),
            configuration: many('DeviceConfigurationProto', 26),
          },
        },
        DeviceConfigurationProto: {
          fields: { name: one('string', 1), numDevices: one('int32', 2), device: many('string', 3) },
        },
        StringStringEntryProto: { fields: { key: one('string', 1), value: one('string', 2) } },
        TensorAnnotation: {
          fields: {
            tensorName: one('string', 1),
            quantParameterTensorNames: many('StringStringEntryProto', 2),
          },
        },
        GraphProto: {
          fields: {
            node: many('NodeProto', 1),
            name: one('string', 2),
            initializer: many('TensorProto', 5),
            sparseInitializer: many('SparseTensorProto', 15),
            docString: one('string', 10),
            input: many('ValueInfoProto', 11),
            output: many('ValueInfoProto', 12),
            valueInfo: many('ValueInfoProto', 13),
            quantizationAnnotation: many('TensorAnnotation', 14),
            metadataProps: many('StringStringEntryProto', 16),
          },
        },
        TensorProto: tensorProto,
        SparseTensorProto: {
          fields: {
            values: one('TensorProto', 1),
            indices: one('TensorProto', 2),
            dims: many('int64', 3),
          },
        },
        TensorShapeProto: {
          fields: { dim: many('Dimension', 1) },
          nested: {
            Dimension: {
              fields: {
                dimValue: one('int64', 1),
                dimParam: one('string', 2),
                denotation: one('string', 3),
              },
            },
          },
        },
        TypeProto: typeProto,
        OperatorSetIdProto: { fields: { domain: one('string', 1), version: one('int64', 2) } },
        FunctionProto: {
          fields: {
            name: one('string', 1),
            input: many('string', 4),
            output: many('string', 5),
            attribute: many('string', 6),
            attributeProto: many('AttributeProto', 11),
            node: many('NodeProto', 7),
            docString: one('string', 8),
            opsetImport: many('OperatorSetIdProto', 9),
            domain: one('string', 10),
            overload: one('string', 13),
            valueInfo: many('ValueInfoProto', 12),
            metadataProps: many('StringStringEntryProto', 14),
          },
        },
      },
    },
  },
};
